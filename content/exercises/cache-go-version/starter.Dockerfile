FROM golang:1.23 AS build
ARG VERSION=dev
WORKDIR /src
COPY . .
RUN go mod download
RUN CGO_ENABLED=0 go build -ldflags "-X main.version=$VERSION" -o /out/api ./cmd/api

FROM alpine:3.20 AS runtime
COPY --from=build /out/api /usr/local/bin/api
USER 65534
ENTRYPOINT ["/usr/local/bin/api"]
