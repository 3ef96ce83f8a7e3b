package dev.pullback.security;

import dev.pullback.store.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_tokens} table: names, roles and SHA-256 hashes, never a token. */
@Repository
public class TokenRepository {
    private final JdbcClient jdbc;

    public TokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<ApiToken> list() {
        return jdbc.sql("SELECT * FROM api_tokens ORDER BY name").query((rs, i) -> token(rs)).list();
    }

    public boolean exists(String name) {
        return jdbc.sql("SELECT COUNT(*) FROM api_tokens WHERE name = ?").param(name).query(Long.class).single() > 0;
    }

    public Optional<ApiToken> findByHash(String hash) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE token_hash = ?").param(hash).query((rs, i) -> token(rs)).optional();
    }

    public void insert(ApiToken t, String hash) {
        jdbc.sql("INSERT INTO api_tokens (name, token_hash, role, can_download, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(t.name(), hash, t.role().id(), t.canDownload(), Sql.instant(t.createdAt())).update();
    }

    public void touch(String name, Instant when) {
        jdbc.sql("UPDATE api_tokens SET last_used_at = ? WHERE name = ?").params(Sql.instant(when), name).update();
    }

    public boolean delete(String name) {
        return jdbc.sql("DELETE FROM api_tokens WHERE name = ?").param(name).update() > 0;
    }

    private static ApiToken token(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getString("name"), Role.parse(rs.getString("role")), rs.getBoolean("can_download"),
                Sql.instant(rs.getString("created_at")), Sql.instant(rs.getString("last_used_at")));
    }
}
