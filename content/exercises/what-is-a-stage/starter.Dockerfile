FROM golang:1.23
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
COPY --from=0 /out/app /usr/local/bin/app
ENTRYPOINT ["/usr/local/bin/app"]
