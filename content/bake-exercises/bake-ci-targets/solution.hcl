group "default" {
  targets = ["dev"]
}

target "_common" {
  context    = "."
  dockerfile = "Dockerfile"
}

target "dev" {
  inherits = ["_common"]
  target   = "dev"
  tags     = ["shop:dev"]
}

target "test" {
  inherits = ["_common"]
  target   = "test"
  output   = ["type=cacheonly"]
}

target "prod" {
  inherits = ["_common"]
  target   = "production"
  tags     = ["shop:latest"]
}
