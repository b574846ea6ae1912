# Sportello in a container: compiled once in a build stage, run from production dependencies
# only, as a non-root user. See README "Production" and compose.yaml.

# --- deps: production dependencies only; better-sqlite3 may compile, so the toolchain is here ---
FROM node:20-slim AS deps
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# rimraf stays a production dependency: botbuilder-dialogs' install script runs `npx rimraf`.
RUN npm ci --omit=dev --no-audit --no-fund

# --- build: every dependency, tsc to build/ ---
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and the compiled bot, no toolchain ---
FROM node:20-slim
ENV NODE_ENV=production \
    PORT=3978 \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/build ./build
COPY knowledge ./knowledge
COPY dialogs ./dialogs
COPY locales ./locales
COPY web ./web
COPY teams ./teams
# The understanding trained once, here, on the content above: the bot then loads it at start
# instead of training (README "Start-up"). Content or code that differs at run time is trained
# again at start, and kept in the folder for the next one. (NODE_ENV=development for this step
# only: production's refusal to start without credentials is about serving, which it does not.)
ENV CALIBRATION_CACHE_DIR=/app/models
RUN NODE_ENV=development node --disable-warning=DEP0111 build/cli/train.js && chown -R node:node /app/models
# The one folder the bot may write to (SQLite events, transcripts): mount a volume there.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3978
# /readyz is 200 only while the storage answers and the process is not shutting down.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3978)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself is PID 1's child under `init: true` (compose) or tini; it handles SIGTERM:
# stops accepting, finishes turns in flight (SHUTDOWN_TIMEOUT_MS), closes Redis, exits 0.
STOPSIGNAL SIGTERM
# --max-semi-space-size=8 (MB; V8's default 16): the young generation grows to its cap while
# start-up imports and trains, and an idle process never gives it back; 8 keeps 11-13 MB less
# resident after start for ~0.01 ms more GC a turn (bench/rss-probe.ts). --expose-gc lets a
# start that trained give training's garbage back before it listens (src/util/start-up-garbage.ts).
# The same flags as
# package.json's start script, which the benchmarks read (tests/deploy checks the two agree).
CMD ["node", "--disable-warning=DEP0111", "--max-semi-space-size=8", "--expose-gc", "build/index.js"]
