FROM golang:1.23 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -ldflags "-X main.version=$VERSION" -o /out/api ./cmd/api

FROM alpine:3.20 AS runtime
COPY --from=build /out/api /usr/local/bin/api
USER 65534
ENTRYPOINT ["/usr/local/bin/api"]
