# The Inloop server: one process per container; run several behind the load balancer (docker-compose.yml).
FROM node:20-bookworm-slim AS build
WORKDIR /app
# artillery is not installed here, but keep every browser download off in image builds.
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The pages (vite) and the server and admin script compiled to plain JavaScript (esbuild, dist/).
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
COPY package.json package-lock.json ./
# Production dependencies only: no vite, tsx, esbuild or TypeScript in the running image.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
COPY --from=build /app/client/dist client/dist
USER node
EXPOSE 3000
# SIGTERM drains (SHUTDOWN_DRAIN_MS, 5 s in production): /readyz fails first, then sockets close.
STOPSIGNAL SIGTERM
# The production bootstrap (npm run admin): docker compose exec app node dist/scripts/admin.js …
CMD ["node", "dist/server/main.js"]
