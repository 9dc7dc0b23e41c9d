# Stage 1: compile the program with a C toolchain
FROM gcc:14 AS build
WORKDIR /src
COPY hello.c .
RUN mkdir -p /out && gcc -static -O2 -o /out/hello hello.c

# Stage 2: the image docker build produces
FROM alpine:3.20
COPY --from=build /out/hello /usr/local/bin/hello
ENTRYPOINT ["/usr/local/bin/hello"]
