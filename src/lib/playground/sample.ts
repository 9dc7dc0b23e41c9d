// The Dockerfile the playground opens with when there is no share link and nothing kept:
// small, but it shows what the playground is for. Its default target needs only `build`
// and `prod`, so BuildKit skips `test` and `debug` while the classic builder runs them all;
// GO_VERSION shows what a build argument changes.
// tests/playground/target-plans.test.ts holds it to that.
export const SAMPLE_DOCKERFILE = `# syntax=docker/dockerfile:1
ARG GO_VERSION=1.22

# Build the service once, with the whole Go toolchain.
FROM golang:\${GO_VERSION}-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

# Run the tests on top of the build stage.
FROM build AS test
RUN go test ./...

# A debugging image with a shell.
FROM alpine:3.20 AS debug
COPY --from=build /out/app /usr/local/bin/app
CMD ["app", "--debug"]

# The image to ship: the binary and nothing else.
FROM gcr.io/distroless/static-debian12:nonroot AS prod
COPY --from=build /out/app /app
USER nonroot
ENTRYPOINT ["/app"]
`;
