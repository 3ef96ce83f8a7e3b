package dev.pullback.cli;

import dev.pullback.security.ApiToken;
import dev.pullback.security.NewToken;
import dev.pullback.security.Role;
import dev.pullback.security.TokenService;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", mixinStandardHelpOptions = true, description = {
        "API tokens for scripts: send them as 'Authorization: Bearer <token>'. Only a hash is stored."},
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand extends CliCommand {
    @Override
    public Integer call() {
        spec.commandLine().usage(err());
        return ExitCodes.USAGE;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = {
            "Create a token and print it, once, alone on standard output (TOKEN=$(pullback token create ...))."})
    static final class Create extends CliCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--role", required = true, paramLabel = "admin|viewer", description = "admin: everything; viewer: read only")
        String role;

        @Option(names = "--can-download", description = "A viewer token may also download files and folders.")
        boolean canDownload;

        @Override
        public Integer call() {
            NewToken t = service(TokenService.class).create(name, Role.parse(role), canDownload);
            out().println(t.secret());
            err().println("token " + name + " (" + t.token().role().id() + ") created: copy it now, it is not shown again");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens (names and roles; the tokens themselves are not kept).")
    static final class ListTokens extends CliCommand {
        @Override
        public Integer call() {
            List<ApiToken> tokens = service(TokenService.class).list();
            if (tokens.isEmpty()) {
                out().println("no tokens");
                return ExitCodes.OK;
            }
            Table t = new Table("NAME", "ROLE", "DOWNLOAD", "CREATED", "LAST USED");
            tokens.forEach(k -> t.row(k.name(), k.role().id(), k.mayDownload() ? "yes" : "no", k.createdAt(), k.lastUsedAt()));
            t.print(out());
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token: requests with it get 401 at once.")
    static final class Revoke extends CliCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            service(TokenService.class).revoke(name);
            out().println("token " + name + " revoked");
            return ExitCodes.OK;
        }
    }
}
