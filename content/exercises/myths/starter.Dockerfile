FROM golang:1.23 AS Build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

# CI's checks: go vet first, then the unit tests
FROM Build AS test
RUN go vet ./...

FROM Build AS test
RUN go test ./...

FROM alpine:3.20 AS prod
COPY --from=Build /out/api /usr/local/bin/api
USER 65534
ENTRYPOINT ["/usr/local/bin/api"]
