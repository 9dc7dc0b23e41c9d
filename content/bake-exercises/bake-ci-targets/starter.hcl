# The shop's bake file, as a colleague left it. Fix it so that a plain
# docker buildx bake starts the development image, bake test runs the tests
# and bake prod builds the production image.
group "default" {
  targets = ["dev", "test", "prod"]
}

target "_common" {
  context    = "."
  dockerfile = "Dockerfile"
}

target "dev" {
  inherits = ["_common"]
  target   = "development"
  tags     = ["shop:dev"]
}

target "test" {
  inherits = ["_common"]
  tags     = ["shop:test"]
}

target "prod" {
  inherits = ["_common"]
  target   = "production"
  tags     = ["shop:latest"]
}
