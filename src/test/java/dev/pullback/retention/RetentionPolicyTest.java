package dev.pullback.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pullback.InvalidInputException;
import dev.pullback.testing.Resilience;
import dev.pullback.testing.ResilienceItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every validation rule: a bad policy is refused with one line naming the field and the rule. */
class RetentionPolicyTest {

    @Test
    void defaultsAreBackupManagers() {
        RetentionPolicy p = RetentionPolicy.defaults();

        assertThat(p).isEqualTo(new RetentionPolicy(0, 720, 180, 0, 24, 0, 1));
        assertThat(p.describe()).isEqualTo("hourly 720 h, daily 180 days, monthly 24 months, min-keep 1");
    }

    @Resilience(item = ResilienceItem.BAD_RETENTION, behaviour = "negative values, min-keep 0 and a policy that keeps nothing are refused naming the field")
    @ParameterizedTest(name = "{7}: {8}")
    @CsvSource(delimiter = '|', value = {
            // keepLast | hourly | daily | weekly | monthly | yearly | minKeep | field | message
            "-1 | 720 | 180 | 0 | 24 | 0 | 1 | keep-last      | must be 0 or more (0 turns it off), got -1",
            "0  | -5  | 180 | 0 | 24 | 0 | 1 | hourly-hours   | must be 0 or more (0 turns it off), got -5",
            "0  | 720 | -1  | 0 | 24 | 0 | 1 | daily-days     | must be 0 or more (0 turns it off), got -1",
            "0  | 720 | 180 | -2 | 24 | 0 | 1 | weekly-weeks  | must be 0 or more (0 turns it off), got -2",
            "0  | 720 | 180 | 0 | -24 | 0 | 1 | monthly-months | must be 0 or more (0 turns it off), got -24",
            "0  | 720 | 180 | 0 | 24 | -1 | 1 | yearly-years   | must be 0 or more (0 turns it off), got -1",
            "0  | 720 | 180 | 0 | 24 | 0 | 0 | min-keep       | must be at least 1 (the newest snapshot is always kept), got 0",
            "0  | 720 | 180 | 0 | 24 | 0 | -3 | min-keep      | must be at least 1 (the newest snapshot is always kept), got -3",
            "0  | 0   | 0   | 0 | 0  | 0 | 1 | retention      | this policy keeps nothing: set keep-last or at least one of hourly-hours, daily-days, weekly-weeks, monthly-months, yearly-years above 0",
            "0  | 0   | 0   | 0 | 0  | 0 | 50 | retention     | this policy keeps nothing",
            "0  | 720 | 10  | 0 | 24 | 0 | 1 | daily-days     | the daily window (10 days) must be longer than the hourly window (720 h), or its tier keeps nothing; use 0 to turn it off",
            "0  | 720 | 30  | 0 | 24 | 0 | 1 | daily-days     | the daily window (30 days) must be longer than the hourly window (720 h)",
            "0  | 24  | 180 | 20 | 24 | 0 | 1 | weekly-weeks  | the weekly window (20 weeks) must be longer than the daily window (180 days)",
            "0  | 720 | 180 | 0 | 5  | 0 | 1 | monthly-months | the monthly window (5 months) must be longer than the daily window (180 days)",
            "0  | 800 | 0   | 0 | 1  | 0 | 1 | monthly-months | the monthly window (1 month) must be longer than the hourly window (800 h)",
            "0  | 720 | 180 | 0 | 24 | 2 | 1 | yearly-years   | the yearly window (2 years) must be longer than the monthly window (24 months)",
            "0  | 0   | 0   | 60 | 0 | 1 | 1 | yearly-years   | the yearly window (1 year) must be longer than the weekly window (60 weeks)",
            "0  | 876001 | 0 | 0 | 0 | 0 | 1 | hourly-hours   | must be at most 876000, got 876001",
            "0  | 720 | 180 | 0 | 24 | 101 | 1 | yearly-years | must be at most 100, got 101",
            "10000001 | 0 | 0 | 0 | 0 | 0 | 1 | keep-last    | must be at most 10000000, got 10000001",
    })
    void invalidPolicies(int keepLast, int hourly, int daily, int weekly, int monthly, int yearly, int minKeep,
                         String field, String message) {
        assertThatThrownBy(() -> new RetentionPolicy(keepLast, hourly, daily, weekly, monthly, yearly, minKeep))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(field + ": " + message)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0 | 720 | 180 | 0 | 24 | 0 | 1",
            "0 | 720 | 31  | 0 | 24 | 0 | 1",
            "0 | 0   | 0   | 0 | 0  | 1 | 1",
            "1 | 0   | 0   | 0 | 0  | 0 | 1",
            "0 | 1   | 0   | 0 | 0  | 0 | 1",
            "3 | 24  | 7   | 4 | 12 | 3 | 5",
            "0 | 0   | 180 | 0 | 6  | 0 | 1",
            "0 | 0   | 0   | 52 | 0 | 2 | 1",
            "0 | 0   | 365 | 0 | 0  | 2 | 1",
    })
    void validPolicies(int keepLast, int hourly, int daily, int weekly, int monthly, int yearly, int minKeep) {
        RetentionPolicy p = new RetentionPolicy(keepLast, hourly, daily, weekly, monthly, yearly, minKeep);
        assertThat(p.describe()).isNotEmpty();
    }

    @Test
    void aHostOverrideReplacesOnlyItsNonNullFields() {
        RetentionPolicy global = RetentionPolicy.defaults();

        RetentionPolicy host = global.with(PolicyOverride.none().keepLast(5).dailyDays(365).minKeep(3));

        assertThat(host).isEqualTo(new RetentionPolicy(5, 720, 365, 0, 24, 0, 3));
        assertThat(global.with(PolicyOverride.none())).isEqualTo(global);
        assertThat(global.with(null)).isEqualTo(global);
        assertThat(PolicyOverride.none().isEmpty()).isTrue();
        assertThat(PolicyOverride.none().yearlyYears(0).isEmpty()).isFalse();
        assertThat(PolicyOverride.none().hourlyHours(24).dailyDays(30).weeklyWeeks(8).monthlyMonths(12).yearlyYears(3)
                .applyTo(global)).isEqualTo(new RetentionPolicy(0, 24, 30, 8, 12, 3, 1));
    }

    @Test
    void theMergedPolicyIsValidatedAsAWhole() {
        // daily 10 days is fine over an hourly 24 h global policy, not over Backup Manager's 720 h
        PolicyOverride override = PolicyOverride.none().dailyDays(10);
        assertThat(override.applyTo(new RetentionPolicy(0, 24, 180, 0, 24, 0, 1)).dailyDays()).isEqualTo(10);
        assertThatThrownBy(() -> override.applyTo(RetentionPolicy.defaults()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("daily-days: the daily window (10 days) must be longer than the hourly window (720 h)");
        assertThatThrownBy(() -> RetentionPolicy.defaults().with(PolicyOverride.none().minKeep(-1)))
                .hasMessageStartingWith("min-keep: ");
        assertThatThrownBy(() -> RetentionPolicy.defaults().with(new PolicyOverride(0, 0, 0, 0, 0, 0, null)))
                .hasMessageStartingWith("retention: this policy keeps nothing");
    }
}
