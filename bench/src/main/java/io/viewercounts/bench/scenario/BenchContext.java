package io.viewercounts.bench.scenario;

import io.viewercounts.bench.Options;
import io.viewercounts.bench.deployment.AppJars;
import io.viewercounts.bench.deployment.Deployment;
import java.nio.file.Path;

/**
 * What every scenario works with.
 *
 * @param deployment what is measured, or null when no chosen scenario measures a shared target
 * @param options the command line, for each scenario's own sizes
 * @param workDir where workers write their logs and receipts
 * @param jars our apps' runnable jars, for the several-node capacity run and the failover
 *     scenario's own deployment
 */
public record BenchContext(
    Deployment deployment, Options options, Path workDir, AppJars jars) {}
