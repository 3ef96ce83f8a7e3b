/**
 * Retention (DESIGN.md §4, issue 4): which snapshots of a host to keep, why, and removing the
 * rest safely. Plain Java, no Spring: every front end (CLI {@code retention}, {@code backup
 * --prune}, the scheduler, the API) goes through one service that does this:
 *
 * <pre>{@code
 * RetentionPolicy policy = global.with(hostOverride);        // validated, InvalidInputException naming the field
 * Guards guards = Guards.none()
 *         .protect(pins)                                      // Protection.pinned(name), Protection.alert(name, id)
 *         .lastRunFailed(lastRunFailed)                       // from SQL
 *         .expectEvery(expectedInterval)                      // the host's schedule, or null
 *         .overrideHold(adminOverride)                        // explicit, logged by the caller
 *         .maxDelete(maxDelete);                              // or null
 *
 * // dry run: no lock needed, nothing changes
 * RetentionPlan plan = RetentionPlanner.plan(host, SnapshotInfo.of(layout.completeSnapshots()),
 *         policy, guards, clock.instant(), zone);
 * System.out.print(plan.compactTable());                      // or plan.table(), or serialise the record
 *
 * // apply: plan again under the host lock (the disk may have changed), then execute
 * ApplyResult result;
 * try (HostLock lock = HostLock.acquire(layout, owner, clock.instant())) {
 *     RetentionPlan fresh = RetentionPlanner.plan(host, SnapshotInfo.of(layout.completeSnapshots()),
 *             policy, guards, clock.instant(), zone);
 *     result = RetentionApplier.apply(lock, fresh, RetentionApplier.Deletion.LATER,
 *             (h, name) -> snapshotRows.delete(h, name));
 * }
 * background.submit(() -> RetentionApplier.deleteTrash(result.trash()));   // outside the lock
 * }</pre>
 *
 * {@link dev.pullback.retention.RetentionPlanner} is a pure function; {@link dev.pullback.retention.RetentionApplier}
 * re-checks every removal against the disk and never removes the newest complete snapshot, what
 * {@code latest}/{@code current} point to, or below the policy's min-keep.
 */
package dev.pullback.retention;
