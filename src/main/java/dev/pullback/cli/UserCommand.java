package dev.pullback.cli;

import dev.pullback.security.Role;
import dev.pullback.security.User;
import dev.pullback.security.UserService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true, description = {
        "Users who log in to the dashboard: admin (everything) or viewer (read only).",
        "Passwords are asked twice on a terminal, or read from the first line of standard input."},
        subcommands = {UserCommand.Add.class, UserCommand.Passwd.class, UserCommand.Remove.class, UserCommand.ListUsers.class})
final class UserCommand extends CliCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add a user.")
    static final class Add extends CliCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "admin|viewer", description = "admin: everything; viewer: read only")
        String role;

        @Option(names = "--can-download", description = "A viewer may also download files and folders (admins always may).")
        boolean canDownload;

        @Override
        public Integer call() {
            Role r = Role.parse(role);
            UserService users = service(UserService.class);
            users.checkNewName(name);
            users.add(name, r, canDownload, Passwords.read(name, in));
            out().println("user " + name + " added (" + r.id() + (canDownload ? ", may download" : "") + "): log in at /login");
            return ExitCodes.OK;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a user's password.")
    static final class Passwd extends CliCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            UserService users = service(UserService.class);
            users.get(name);
            users.changePassword(name, Passwords.read(name, in));
            out().println("password of " + name + " changed");
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a user (never the last admin).")
    static final class Remove extends CliCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            service(UserService.class).remove(name);
            out().println("user " + name + " removed");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
    static final class ListUsers extends CliCommand {
        @Override
        public Integer call() {
            java.util.List<User> users = service(UserService.class).list();
            if (users.isEmpty()) {
                out().println("no users yet: pullback user add NAME --role admin");
                return ExitCodes.OK;
            }
            Table t = new Table("NAME", "ROLE", "DOWNLOAD", "CREATED");
            users.forEach(u -> t.row(u.name(), u.role().id(), u.mayDownload() ? "yes" : "no", u.createdAt()));
            t.print(out());
            return ExitCodes.OK;
        }
    }
}
