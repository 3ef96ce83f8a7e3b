package dev.pullback.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test as covering one item of issue 6's resilience suites. {@code ResilienceDocTest}
 * collects these into the table in {@code docs/resilience.md}, so the table cannot drift from
 * the tests, and an item without a test shows up there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(Resilience.List.class)
public @interface Resilience {
    /** The fault or input of the issue this test covers. */
    ResilienceItem item();

    /** The variant tested, when the item has several (e.g. "over ssh", "SQLite file locked"); empty otherwise. */
    String what() default "";

    /** What pullback does: what a user can rely on, as the test asserts it. */
    String behaviour();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        Resilience[] value();
    }
}
