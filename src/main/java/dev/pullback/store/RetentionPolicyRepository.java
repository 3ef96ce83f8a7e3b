package dev.pullback.store;

import dev.pullback.retention.PolicyOverride;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code retention_policies} table: each host's override of the global retention policy. */
@Repository
public class RetentionPolicyRepository {
    private final JdbcClient jdbc;

    public RetentionPolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<PolicyOverride> find(String host) {
        return jdbc.sql("SELECT * FROM retention_policies WHERE host = ?").param(host)
                .query((rs, i) -> override(rs))
                .optional();
    }

    /** Every host's override by host name, in one query. */
    public java.util.Map<String, PolicyOverride> findAll() {
        java.util.Map<String, PolicyOverride> out = new java.util.HashMap<>();
        jdbc.sql("SELECT * FROM retention_policies").query((rs, i) -> {
            out.put(rs.getString("host"), override(rs));
            return null;
        }).list();
        return out;
    }

    private static PolicyOverride override(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PolicyOverride(Sql.integer(rs, "keep_last"), Sql.integer(rs, "hourly_hours"),
                Sql.integer(rs, "daily_days"), Sql.integer(rs, "weekly_weeks"), Sql.integer(rs, "monthly_months"),
                Sql.integer(rs, "yearly_years"), Sql.integer(rs, "min_keep"));
    }

    public void save(String host, PolicyOverride o, Instant now) {
        Object[] values = {o.keepLast(), o.hourlyHours(), o.dailyDays(), o.weeklyWeeks(), o.monthlyMonths(),
                o.yearlyYears(), o.minKeep(), Sql.instant(now), host};
        int n = jdbc.sql("UPDATE retention_policies SET keep_last = ?, hourly_hours = ?, daily_days = ?, weekly_weeks = ?, "
                + "monthly_months = ?, yearly_years = ?, min_keep = ?, updated_at = ? WHERE host = ?").params(values).update();
        if (n == 0) {
            jdbc.sql("INSERT INTO retention_policies (keep_last, hourly_hours, daily_days, weekly_weeks, monthly_months, "
                    + "yearly_years, min_keep, updated_at, host) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").params(values).update();
        }
    }

    public boolean delete(String host) {
        return jdbc.sql("DELETE FROM retention_policies WHERE host = ?").param(host).update() > 0;
    }
}
