# syntax=docker/dockerfile:1
# Atrium as one image: built with the JDK, run on the JRE as a non-root user.
#   docker compose up            (with PostgreSQL; see docker-compose.yml)
#   docker build -t atrium .
# Plugin jars go in /app/plugins (FROM atrium, then COPY my-plugin.jar /app/plugins/); see docs/plugins.md.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The cache keeps Maven and the dependencies between builds (BuildKit, Docker's default builder).
# The jar is extracted (app/atrium.jar + app/lib/) so that plugin jars can join the class path.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package \
 && cp target/atrium-*.jar atrium.jar \
 && java -Djarmode=tools -jar atrium.jar extract --destination /build/app

FROM eclipse-temurin:17-jre
# curl is for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system atrium \
 && useradd --system --gid atrium --home-dir /app --shell /usr/sbin/nologin atrium
WORKDIR /app
COPY --from=build /build/app/ /app/
RUN mkdir -p /app/plugins
USER atrium
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UseParallelGC", "-cp", "/app/atrium.jar:/app/plugins/*", "dev.atrium.AtriumApplication"]
