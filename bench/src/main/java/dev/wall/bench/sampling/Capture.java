package dev.wall.bench.sampling;

import dev.wall.bench.code.Picture;

/**
 * One screenshot of the whole display.
 *
 * @param nanos when it was taken, as well as the sampler knows ({@link System#nanoTime()})
 * @param uncertaintyNanos how far off {@code nanos} may be: the grab happened in that window
 */
public record Capture(long nanos, long uncertaintyNanos, Picture picture) {}
