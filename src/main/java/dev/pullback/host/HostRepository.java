package dev.pullback.host;

import dev.pullback.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code hosts} table. */
@Repository
public class HostRepository {
    private static final String COLUMNS = "name, transport, address, ssh_user, port, identity_file, sources, excludes, "
            + "default_excludes, rsync_options, ssh_options, bwlimit_kbps, fake_super, acls, xattrs, accept_partial, "
            + "enabled, created_at, updated_at";

    private final JdbcClient jdbc;

    public HostRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Host> find(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hosts WHERE name = ?").param(name).query(HostRepository::map).optional();
    }

    public List<Host> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM hosts ORDER BY name").query(HostRepository::map).list();
    }

    /** Inserts or updates by name; the caller has validated the host. */
    public void save(Host h) {
        int n = jdbc.sql("UPDATE hosts SET transport = ?, address = ?, ssh_user = ?, port = ?, identity_file = ?, "
                        + "sources = ?, excludes = ?, default_excludes = ?, rsync_options = ?, ssh_options = ?, "
                        + "bwlimit_kbps = ?, fake_super = ?, acls = ?, xattrs = ?, accept_partial = ?, enabled = ?, "
                        + "updated_at = ? WHERE name = ?")
                .params(h.transport().id(), h.address(), h.user(), h.port(), h.identityFile(), Sql.list(h.sources()),
                        Sql.list(h.excludes()), h.defaultExcludes(), Sql.list(h.rsyncOptions()), Sql.list(h.sshOptions()),
                        h.bwlimitKbps(), h.fakeSuper(), h.acls(), h.xattrs(), h.acceptPartial(), h.enabled(),
                        Sql.instant(h.updatedAt()), h.name())
                .update();
        if (n == 0) {
            jdbc.sql("INSERT INTO hosts (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(h.name(), h.transport().id(), h.address(), h.user(), h.port(), h.identityFile(),
                            Sql.list(h.sources()), Sql.list(h.excludes()), h.defaultExcludes(), Sql.list(h.rsyncOptions()),
                            Sql.list(h.sshOptions()), h.bwlimitKbps(), h.fakeSuper(), h.acls(), h.xattrs(),
                            h.acceptPartial(), h.enabled(), Sql.instant(h.createdAt()), Sql.instant(h.updatedAt()))
                    .update();
        }
    }

    public void delete(String name) {
        jdbc.sql("DELETE FROM hosts WHERE name = ?").param(name).update();
    }

    private static Host map(ResultSet rs, int row) throws SQLException {
        return new Host(rs.getString("name"), Transport.parse(rs.getString("transport")), rs.getString("address"),
                rs.getString("ssh_user"), Sql.integer(rs, "port"), rs.getString("identity_file"),
                Sql.list(rs.getString("sources")), Sql.list(rs.getString("excludes")), rs.getBoolean("default_excludes"),
                Sql.list(rs.getString("rsync_options")), Sql.list(rs.getString("ssh_options")),
                Sql.integer(rs, "bwlimit_kbps"), rs.getBoolean("fake_super"), rs.getBoolean("acls"),
                rs.getBoolean("xattrs"), rs.getBoolean("accept_partial"), rs.getBoolean("enabled"),
                Sql.instant(rs.getString("created_at")), Sql.instant(rs.getString("updated_at")));
    }
}
