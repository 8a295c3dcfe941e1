# The platform's app server, for docker-compose.yml (production).
# Node.js 24 LTS; every native module comes prebuilt (better-sqlite3 13 is Node-API): no compiler.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN NODE_ENV=production npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app ./
EXPOSE 1337
CMD ["npx", "strapi", "start"]
