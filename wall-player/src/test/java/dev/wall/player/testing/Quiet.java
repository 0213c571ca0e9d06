package dev.wall.player.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test (a class, or one method) that judges time from pixels or a clock, and so needs the CPU: it
 * runs while no other quiet test of the build runs, at a higher priority than the tests beside it
 * ({@link QuietCpu}). Tagged {@code quiet}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag("quiet")
@ExtendWith(QuietCpu.class)
public @interface Quiet {}
