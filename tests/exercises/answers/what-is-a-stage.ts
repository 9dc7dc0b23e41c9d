import { dockerfile, type AnswerTable } from './types.ts';

export const answers: AnswerTable = {
  correct: [
    {
      name: 'the lesson’s answer',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM alpine:3.20
        COPY --from=build /out/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
    },
    {
      name: 'the name in capitals (Docker lower-cases it) and the final stage named too',
      dockerfile: dockerfile`
        FROM golang:1.23 AS Build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM alpine:3.20 AS runtime
        COPY --from=Build /out/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
    },
    {
      name: 'a scratch final stage with a numeric user',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY go.mod ./
        COPY main.go ./
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM scratch
        COPY --from=build /out/app /app
        USER 65534:65534
        ENTRYPOINT ["/app"]
      `,
    },
    {
      name: 'a stage added above build, which --from=build still finds',
      dockerfile: dockerfile`
        FROM alpine:3.20 AS certs
        RUN apk add --no-cache ca-certificates

        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM alpine:3.20
        COPY --from=build /out/app /usr/local/bin/app
        USER nobody
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
    },
  ],
  wrong: [
    {
      name: 'the stage named, but still copied by index',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM alpine:3.20
        COPY --from=0 /out/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
      fails: ['copies-by-name'],
      detail: /--from=0, the stage's index: write its name, --from=build/,
    },
    {
      name: 'COPY --from build with a space instead of = (a parse error on both builders)',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM alpine:3.20
        COPY --from build /out/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
      fails: ['copies-by-name', 'builds'],
      detail: /missing a value on flag: (--)?from/,
    },
    {
      name: 'a misspelt --from, which Docker pulls as an image',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM alpine:3.20
        COPY --from=biuld /out/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
      fails: ['copies-by-name', 'builds'],
      detail: /docker\.io\/library\/biuld:latest/,
    },
    {
      name: 'the stages swapped: docker build now builds the Go stage, which copies nothing',
      dockerfile: dockerfile`
        FROM alpine:3.20
        COPY --from=build /out/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]

        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .
      `,
      fails: ['copies-by-name'],
    },
    {
      name: 'an ARG used in FROM but never declared',
      dockerfile: dockerfile`
        FROM golang:1.23 AS build
        WORKDIR /src
        COPY . .
        RUN CGO_ENABLED=0 go build -o /out/app .

        FROM alpine:\${ALPINE_VERSION}
        COPY --from=build /out/app /usr/local/bin/app
        ENTRYPOINT ["/usr/local/bin/app"]
      `,
      fails: ['copies-by-name', 'builds'],
      detail: /failed to parse stage name "alpine:": invalid reference format/,
      problemHint: /\$\{ALPINE_VERSION\} has no value here.*`ARG ALPINE_VERSION=<value>`/,
    },
  ],
};
