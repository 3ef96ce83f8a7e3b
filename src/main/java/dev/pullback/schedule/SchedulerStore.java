package dev.pullback.schedule;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import javax.sql.DataSource;

/**
 * db-scheduler's view of pullback's database, built on first use so commands that never touch
 * schedules do not pay for the vendor detection. The client only reads and writes
 * {@code scheduled_tasks}; it runs nothing and starts no thread.
 */
public class SchedulerStore {
    private final DataSource dataSource;
    private final ScheduleTasks tasks;
    private JdbcCustomization jdbc;
    private SchedulerClient client;

    public SchedulerStore(DataSource dataSource, ScheduleTasks tasks) {
        this.dataSource = dataSource;
        this.tasks = tasks;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * SQLite, PostgreSQL or MariaDB, detected from the connection; timestamps always written in
     * UTC (MariaDB's DATETIME has no zone).
     */
    public synchronized JdbcCustomization jdbc() {
        if (jdbc == null) {
            jdbc = new AutodetectJdbcCustomization(dataSource, true);
        }
        return jdbc;
    }

    public synchronized SchedulerClient client() {
        if (client == null) {
            client = SchedulerClient.Builder.create(dataSource, tasks.all()).jdbcCustomization(jdbc()).build();
        }
        return client;
    }
}
