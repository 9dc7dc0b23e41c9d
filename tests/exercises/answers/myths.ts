import type { AnswerTable } from './types.ts';

const BUILD = `FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/api ./cmd/api
`;

const TEST = `FROM build AS test
RUN go test ./...
`;

const VET = `FROM build AS vet
RUN go vet ./...
`;

const PROD = `FROM alpine:3.20 AS prod
COPY --from=build /out/api /usr/local/bin/api
USER 65534
ENTRYPOINT ["/usr/local/bin/api"]
`;

export const answers: AnswerTable = {
  correct: [
    { name: 'the lesson’s answer: build, test, vet, prod', dockerfile: `${BUILD}\n${TEST}\n${VET}\n${PROD}` },
    { name: 'COPY --from=BUILD in capitals, which Docker matches without regard to case', dockerfile: `${BUILD}\n${TEST}\n${VET}\n${PROD.replace('--from=build', '--from=BUILD')}` },
    { name: 'other go flags, prod on distroless nonroot', dockerfile: `${BUILD}\n${TEST.replace('go test ./...', 'go test -count=1 ./...')}\n${VET.replace('go vet ./...', 'go vet -v ./...')}\nFROM gcr.io/distroless/static-debian12:nonroot AS prod\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n` },
    { name: 'a lint stage between vet and prod', dockerfile: `${BUILD}\n${TEST}\n${VET}\nFROM build AS lint\nRUN gofmt -l .\n\n${PROD}` },
  ],
  wrong: [
    {
      name: 'vet added after prod: the default target becomes vet (golang, root)',
      dockerfile: `${BUILD}\n${TEST}\n${PROD}\n${VET}`,
      fails: ['prod-is-default'],
    },
    {
      name: 'vet left above test: the classic builder runs it for --target test',
      dockerfile: `${BUILD}\n${VET}\n${TEST}\n${PROD}`,
      fails: ['test-target-classic'],
    },
    {
      name: 'the names lower-cased in FROM but not after AS',
      dockerfile: `${BUILD.replace('AS build', 'AS Build')}\n${TEST}\n${VET}\n${PROD}`,
      fails: ['names-lower-case'],
    },
    {
      name: 'FROM Build kept in capitals: BuildKit reads it as an image name',
      dockerfile: `${BUILD}\n${TEST.replace('FROM build', 'FROM Build')}\n${VET}\n${PROD}`,
      fails: ['buildkit-builds', 'test-target-buildkit'],
      detail: /failed to parse stage name "Build": invalid reference format/,
    },
    {
      name: 'the two test stages kept',
      dockerfile: `${BUILD}\n${TEST.replace('go test', 'go vet')}\n${TEST}\n${PROD}`,
      fails: ['classic-builds', 'names-unique', 'vet-stage'],
    },
  ],
};
