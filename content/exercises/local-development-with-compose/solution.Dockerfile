FROM node:22-slim AS base
WORKDIR /app
COPY package.json package-lock.json ./

FROM base AS dev
RUN npm ci
COPY . .
CMD ["node", "--watch", "src/server.js"]

FROM base AS production
ENV NODE_ENV=production
RUN npm ci --omit=dev
COPY src ./src
USER node
CMD ["node", "src/server.js"]
