FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

# CI's checks: docker build --target test . and docker build --target vet .
FROM build AS test
RUN go test ./...

FROM build AS vet
RUN go vet ./...

FROM alpine:3.20 AS prod
COPY --from=build /out/api /usr/local/bin/api
USER 65534
ENTRYPOINT ["/usr/local/bin/api"]
