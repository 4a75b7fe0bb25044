package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.deployment.Deployment;
import java.nio.file.Path;

/**
 * What every scenario works with.
 *
 * @param deployment what is measured
 * @param options the command line, for each scenario's own sizes
 * @param workDir where workers write their logs and receipts
 * @param broadcasterJar the broadcaster's runnable jar, for the several-node capacity run
 */
public record BenchContext(
    Deployment deployment, Options options, Path workDir, Path broadcasterJar) {}
