package io.viewercounts.bench.report;

/**
 * The machine a run came from, read from /proc and the JVM.
 *
 * @param cpu model name of the processor
 * @param cores processors the kernel offers
 * @param memoryBytes total memory
 * @param os kernel name and release
 * @param java the running JVM's vendor and version
 * @param loadAtStart /proc/loadavg when the run began
 * @param loadAtEnd /proc/loadavg when it ended
 */
public record Machine(
    String cpu, int cores, long memoryBytes, String os, String java, String loadAtStart,
    String loadAtEnd) {}
