import type { AnswerTable } from './types.ts';

const BUILD = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api
`;

const RUNTIME = `FROM alpine:3.20 AS runtime
COPY --from=build /out/api /usr/local/bin/api
USER 65534
ENTRYPOINT ["/usr/local/bin/api"]
`;

const TEST = `FROM build AS test
RUN go test ./...
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s answer: build, test, runtime', dockerfile: `${BUILD}\n${TEST}\n${RUNTIME}` },
    { name: 'the stage written AS Test (Docker lower-cases it), go test -v', dockerfile: `${BUILD}\nFROM build AS Test\nRUN go test -v ./...\n\n${RUNTIME}` },
    {
      name: 'a vet step in test, and a lint stage beside it',
      dockerfile: `${BUILD}\n${TEST.replace('RUN go test ./...', 'RUN go vet ./... && go test ./...')}\nFROM build AS lint\nRUN gofmt -l .\n\n${RUNTIME}`,
    },
    {
      name: 'runtime on distroless nonroot, with no USER line',
      dockerfile: `${BUILD}\n${TEST}\nFROM gcr.io/distroless/static-debian12:nonroot AS runtime\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n`,
    },
  ],
  wrong: [
    {
      name: 'test appended at the end: the default build now runs the tests and ships test',
      dockerfile: `${BUILD}\n${RUNTIME}\n${TEST}`,
      fails: ['default-skips-test', 'runtime-is-default'],
    },
    {
      name: 'test on its own golang image, without the sources of build',
      dockerfile: `${BUILD}\nFROM golang:1.23 AS test\nRUN go test ./...\n\n${RUNTIME}`,
      fails: ['test-target-runs-tests'],
    },
    {
      name: 'test written above build: FROM build then pulls an image',
      dockerfile: `${TEST}\n${BUILD}\n${RUNTIME}`,
      fails: ['test-target-runs-tests', 'test-target-builds'],
      detail: /FROM build names stage "build", which comes later \(line 4\).*docker\.io\/library\/build:latest/,
    },
    {
      name: 'runtime copies from test, so a plain build runs the tests',
      dockerfile: `${BUILD}\n${TEST}\n${RUNTIME.replace('--from=build', '--from=test')}`,
      fails: ['default-skips-test'],
    },
    {
      name: 'the tests run in build itself',
      dockerfile: `${BUILD.replace('RUN CGO_ENABLED', 'RUN go test ./...\nRUN CGO_ENABLED')}\n${RUNTIME}`,
      fails: ['test-stage', 'test-target-runs-tests', 'test-target-builds'],
    },
  ],
};
