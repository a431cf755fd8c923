# syntax=docker/dockerfile:1
# Atrium as one image: built with the JDK, run on the JRE as a non-root user.
#   docker compose up            (with PostgreSQL; see docker-compose.yml)
#   docker build -t atrium .

FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The cache keeps Maven and the dependencies between builds (BuildKit, Docker's default builder).
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package \
 && cp target/atrium-*.jar /build/atrium.jar

FROM eclipse-temurin:17-jre
# curl is for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system atrium \
 && useradd --system --gid atrium --home-dir /app --shell /usr/sbin/nologin atrium
WORKDIR /app
COPY --from=build /build/atrium.jar /app/atrium.jar
USER atrium
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/atrium.jar"]
