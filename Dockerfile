# syntax=docker/dockerfile:1
#
# One image for the three apps of viewer-counts; the first argument picks the app:
#
#   docker run viewer-counts poller        (io.viewercounts.poller.PollerApplication)
#   docker run viewer-counts cdc           (io.viewercounts.cdc.CdcApplication)
#   docker run viewer-counts broadcaster   (io.viewercounts.broadcaster.BroadcasterApplication)
#
# Further arguments go to the app (--key=value); configuration normally comes from environment
# variables (docs/configuration.md).
#
# Why not the standalone's fat jar with a different main class: that jar holds the standalone's own
# application.yml, which shadows each app's (same classpath name), and the libraries of all three
# apps, so Spring Boot's auto-configuration would see, say, a JDBC driver in the broadcaster and
# fail for want of a database. Each app here runs on exactly its own Maven runtime classpath, with
# its own jar first, as `mvn -pl <app>` would run it. The jars live once in /app/lib; each app's
# classpath is a java @argfile in /app/apps.

# ---- build: Maven with the repository in a BuildKit cache, so rebuilds download nothing new
FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY events/pom.xml events/
COPY poller/pom.xml poller/
COPY cdc/pom.xml cdc/
COPY broadcaster/pom.xml broadcaster/
# Only their poms: the reactor lists these modules, the image does not contain them.
COPY standalone/pom.xml standalone/
COPY bench/pom.xml bench/
COPY events/src/main events/src/main
# The events module's test jar is every module's test dependency: the reactor builds it (tests are
# compiled there, never run) so that it resolves.
COPY events/src/test events/src/test
COPY poller/src/main poller/src/main
COPY cdc/src/main cdc/src/main
COPY broadcaster/src/main broadcaster/src/main
# Tests run in CI (mvn verify), not in the image build (the apps' test sources are not copied).
# The configuration processor only writes metadata at compile time, so it stays out of the runtime
# classpath.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -pl poller,cdc,broadcaster -am \
      package dependency:copy-dependencies dependency:build-classpath \
      -DskipTests \
      -DincludeScope=runtime \
      -DexcludeArtifactIds=spring-boot-configuration-processor \
      -DoutputDirectory=/app/lib \
      -Dmdep.prefix=/app/lib \
      -Dmdep.outputFile=target/runtime.classpath
RUN set -eu; \
    mkdir -p /app/apps; \
    for app in poller:io.viewercounts.poller.PollerApplication \
               cdc:io.viewercounts.cdc.CdcApplication \
               broadcaster:io.viewercounts.broadcaster.BroadcasterApplication; do \
      name="${app%%:*}"; main="${app#*:}"; \
      jar="$(basename "$(ls "$name"/target/"$name"-*.jar)")"; \
      cp "$name/target/$jar" /app/lib/; \
      printf -- '-cp /app/lib/%s:%s\n%s\n' "$jar" "$(cat "$name/target/runtime.classpath")" "$main" \
        > "/app/apps/$name.args"; \
    done

# ---- runtime: a JRE, the jars, and a non-root user
FROM eclipse-temurin:17-jre
# curl for the health checks of docker-compose.yml.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin viewercounts
COPY --from=build /app /app
COPY --chmod=755 deploy/docker/entrypoint.sh /app/entrypoint.sh

# JVM flags for containers (override JAVA_OPTS to change them):
#  - MaxRAMPercentage: the heap follows the container's memory limit; 75% leaves a quarter for
#    metaspace, thread stacks and the direct buffers of Jetty, the shared frames and the Kafka
#    clients.
#  - G1: the JVM would pick the Serial collector on its own in a container with less than 2 CPUs
#    or 1792 MB, and Serial's whole-heap pauses stall every WebSocket of a broadcaster at once;
#    G1 keeps pauses short at any size.
#  - G1's refinement zones fixed (in buffers of 256 cards): every socket write stores the writing
#    thread in the socket's write lock, an old object, which dirties a card. G1's adaptive zones
#    only adapt at collections, and a broadcaster fanning out allocates almost nothing, so its
#    refinement threads cleaned and rescanned every connection's card after every change: 1.4 us a
#    message, some 15% of a broadcaster's CPU (BENCHMARKS.md). Below the green zone, 512 buffers or
#    some 130,000 connections' cards, the next collection scans each card once. These flags are
#    JDK 17's, the runtime below: JDK 20 replaced this refinement, and JDK 25 refuses to start with
#    them, so a newer runtime drops them.
#  - ExitOnOutOfMemoryError: a JVM out of memory is in an unknown state; exiting lets the
#    orchestrator restart it (restart: unless-stopped in docker-compose.yml).
ENV JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+UseG1GC -XX:-G1UseAdaptiveConcRefinement \
-XX:G1ConcRefinementGreenZone=512 -XX:G1ConcRefinementYellowZone=1024 \
-XX:G1ConcRefinementRedZone=2048 -XX:+ExitOnOutOfMemoryError"

USER viewercounts
WORKDIR /app
# broadcaster: 8080 (pages, API, /ws) and 8081 (actuator); poller: 8082 (actuator only);
# cdc: 8083 (actuator only). Their health checks are in docker-compose.yml, since the port and the
# path depend on the app.
EXPOSE 8080 8081 8082 8083
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["broadcaster"]
