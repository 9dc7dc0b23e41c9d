import { dockerfile, type AnswerTable } from './types.ts';

export const answers: AnswerTable = {
  correct: [
    {
      name: 'the lesson’s answer: scratch',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

        FROM scratch
        COPY --from=build /out/api /api
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        EXPOSE 8080
        ENTRYPOINT ["/api"]
      `,
    },
    {
      name: 'distroless nonroot, the final stage named runtime',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY go.mod ./
        COPY cmd ./cmd
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

        FROM gcr.io/distroless/static-debian12:nonroot AS runtime
        COPY --from=build /out/api /api
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
        ENTRYPOINT ["/api"]
      `,
    },
    {
      name: 'alpine with a user, both files in one COPY',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

        FROM alpine:3.20
        COPY --from=build /out/api /etc/ssl/certs/ca-certificates.crt /srv/
        USER 65534
        ENTRYPOINT ["/srv/api"]
      `,
    },
    {
      name: 'the build stage written BUILD (Docker lower-cases it), scratch with numeric user',
      dockerfile: dockerfile`
        FROM golang:1.23 AS BUILD
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -trimpath -o /out/api ./cmd/api

        FROM scratch AS final
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        COPY --from=build /out/api /usr/local/bin/api
        USER 65534:65534
        ENTRYPOINT ["/usr/local/bin/api"]
      `,
    },
  ],
  wrong: [
    {
      name: 'only AS build added to the single stage: the image is still the toolchain',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /usr/local/bin/api ./cmd/api
        EXPOSE 8080
        ENTRYPOINT ["/usr/local/bin/api"]
      `,
      fails: ['no-toolchain', 'copies-binary-and-certs'],
    },
    {
      name: 'the CA bundle forgotten',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

        FROM scratch
        COPY --from=build /out/api /api
        ENTRYPOINT ["/api"]
      `,
      fails: ['copies-binary-and-certs'],
    },
    {
      name: 'the whole build stage copied across',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

        FROM alpine:3.20
        COPY --from=build / /
        ENTRYPOINT ["/out/api"]
      `,
      fails: ['copies-binary-and-certs'],
    },
    {
      name: 'the runtime stage written first, so docker build . ships the Go toolchain',
      dockerfile: dockerfile`
        FROM scratch AS runtime
        COPY --from=build /out/api /api
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        ENTRYPOINT ["/api"]

        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api
      `,
      fails: ['no-toolchain', 'copies-binary-and-certs'],
    },
    {
      name: 'the final stage on golang again',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api

        FROM golang:1.23
        COPY --from=build /out/api /api
        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
        ENTRYPOINT ["/api"]
      `,
      fails: ['no-toolchain'],
    },
  ],
};
