# spider-vein-bot: the Telegram bot, built from the committed Cargo.lock.
#   docker build -t spider-vein-bot .
#   docker run -e TELOXIDE_TOKEN=123456789:AA... spider-vein-bot
#   docker run -e TELOXIDE_TOKEN=... -v "$PWD/knowledge:/app/knowledge:ro" spider-vein-bot

# ---- build ----
FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
# What the release binary needs: the manifest and lock, the sources, the benchmarks named in
# the manifest, and knowledge/ (its TOML files are the built-in defaults).
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY benches ./benches
COPY knowledge ./knowledge
RUN cargo build --release --locked \
    && cp target/release/spider-vein-bot /usr/local/bin/spider-vein-bot

# ---- run ----
FROM debian:bookworm-slim
# ca-certificates: whatever Debian ships for bookworm is the right version to trust.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin bot \
    && mkdir -p /var/lib/spider-vein-bot \
    && chown 10001:10001 /var/lib/spider-vein-bot
COPY --from=build /usr/local/bin/spider-vein-bot /usr/local/bin/spider-vein-bot
# The clinic's documents. Mount a volume on /app/knowledge to use (and live-edit) your own.
COPY knowledge /app/knowledge
WORKDIR /app
# HEALTH_ADDR: the bot answers health probes here while it is connected and dispatching;
# `spider-vein-bot healthcheck` (the HEALTHCHECK below) reads the same variable to ask it.
# STATE_DIR: the queue of updates not yet answered; keep it on a volume so that a restarted
# container answers what the last one could not.
ENV KNOWLEDGE_DIR=/app/knowledge \
    HEALTH_ADDR=127.0.0.1:8081 \
    STATE_DIR=/var/lib/spider-vein-bot
VOLUME ["/var/lib/spider-vein-bot"]
# Only used in webhook mode (--webhook-url / WEBHOOK_URL); LISTEN_ADDR defaults to 0.0.0.0:8443.
EXPOSE 8443
USER 10001:10001
# The token comes from the environment at run time (TELOXIDE_TOKEN), never from the image.
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["spider-vein-bot", "healthcheck"]
ENTRYPOINT ["spider-vein-bot"]
CMD ["telegram"]
