package dev.pullback.security;

import dev.pullback.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} table. */
@Repository
public class UserRepository {
    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A user with the stored password hash (for the login check only) and how often it was changed. */
    public record Credentials(User user, String passwordHash, int passwordVersion) {
        @Override
        public String toString() {
            return "Credentials[" + user.name() + "]";
        }
    }

    public List<User> list() {
        return jdbc.sql("SELECT * FROM users ORDER BY name").query((rs, i) -> user(rs)).list();
    }

    public Optional<User> find(String name) {
        return credentials(name).map(Credentials::user);
    }

    public Optional<Credentials> credentials(String name) {
        return jdbc.sql("SELECT * FROM users WHERE name = ?").param(name)
                .query((rs, i) -> new Credentials(user(rs), rs.getString("password_hash"), rs.getInt("password_version"))).optional();
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    public long countAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM users WHERE role = ?").param(Role.ADMIN.id()).query(Long.class).single();
    }

    public void insert(User u, String passwordHash) {
        jdbc.sql("INSERT INTO users (name, password_hash, role, can_download, password_version, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, 0, ?, ?)")
                .params(u.name(), passwordHash, u.role().id(), u.canDownload(), Sql.instant(u.createdAt()), Sql.instant(u.updatedAt()))
                .update();
    }

    public boolean updatePassword(String name, String passwordHash, Instant now) {
        return jdbc.sql("UPDATE users SET password_hash = ?, password_version = password_version + 1, updated_at = ? WHERE name = ?")
                .params(passwordHash, Sql.instant(now), name).update() > 0;
    }

    public boolean updateRole(String name, Role role, boolean canDownload, Instant now) {
        return jdbc.sql("UPDATE users SET role = ?, can_download = ?, updated_at = ? WHERE name = ?")
                .params(role.id(), canDownload, Sql.instant(now), name).update() > 0;
    }

    public boolean delete(String name) {
        return jdbc.sql("DELETE FROM users WHERE name = ?").param(name).update() > 0;
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getString("name"), Role.parse(rs.getString("role")), rs.getBoolean("can_download"),
                Sql.instant(rs.getString("created_at")), Sql.instant(rs.getString("updated_at")));
    }
}
