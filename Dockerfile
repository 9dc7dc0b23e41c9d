# Stagecraft's own image: one Dockerfile with a target per use, as the course teaches.
#
#   docker build --target development -t stagecraft:dev .   Astro dev server with hot reload on 0.0.0.0:4321
#   docker build --target test .                           runs npm test; the build fails when a test fails
#   docker build -t stagecraft .                           production (the default, last stage): the static
#                                                          site on nginx, port 8080, as a non-root user
#
# It needs BuildKit (Docker's default builder since Engine 23.0): the dependency install uses a
# cache mount, which the classic builder (DOCKER_BUILDKIT=0) refuses. There is no `# syntax=`
# line on purpose: it would make BuildKit pull the docker/dockerfile frontend image from Docker
# Hub before anything else, which fails on a builder that cannot reach it (a workshop room's
# offline machine, a mirror-only CI), and the frontend built into Docker 23+ supports every
# instruction and flag used here.
#
# The Node stages are Debian (glibc), not Alpine (musl): package.json pins Node 24 as the
# `node` package, which installs the official glibc build into node_modules/.bin, and npm puts
# that first on PATH for every npm script. On Alpine it could not start (`npm run build` fails
# with "not found"); on Debian every npm script runs on the same pinned Node as on a
# developer's machine and in CI.
#
# compose.yaml runs the development and production targets for a workshop room.
# tests/site/own-dockerfile.test.ts checks this file with Stagecraft's own analyzer;
# own-dockerfile-recorded.test.ts holds it to real builds of every target on Docker 26.1 and
# 28.5, recorded by scripts/record-own-dockerfile.sh.

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-trixie-slim AS base
WORKDIR /app
# Everything after this runs as the image's unprivileged node user (uid 1000).
RUN chown node:node /app
USER node
# The manifests alone, so a source change does not reinstall the dependencies.
COPY --chown=node:node package.json package-lock.json ./

# Everything package.json lists: the dev server and the test suite need the devDependencies.
FROM base AS deps
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci --no-audit --no-fund

# Only `dependencies`: what builds the site (package.json says which is which).
FROM base AS build-deps
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci --omit=dev --no-audit --no-fund

FROM deps AS development
COPY --chown=node:node . .
EXPOSE 4321
CMD ["npm", "run", "dev", "--", "--host", "0.0.0.0", "--port", "4321"]

FROM deps AS test
COPY --chown=node:node . .
RUN npm test

FROM build-deps AS build
COPY --chown=node:node . .
# The site (with its search index) in dist/, and nginx's configuration generated from
# src/security-headers.ts, the same headers npm start serves.
RUN npm run build && node scripts/nginx-conf.ts > /tmp/nginx.conf

FROM nginx:alpine AS production
COPY --from=build /tmp/nginx.conf /etc/nginx/nginx.conf
COPY --from=build /app/dist /usr/share/nginx/html
USER nginx
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
