// Command api is a small web service that reports its version. The release build sets
// version with -ldflags "-X main.version=…"; a local build says "dev".
package main

import (
	"encoding/json"
	"log"
	"net/http"

	"github.com/google/uuid"
)

var version = "dev"

func info(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Request-Id", uuid.NewString())
	json.NewEncoder(w).Encode(map[string]string{"status": "ok", "version": version})
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", info)
	log.Fatal(http.ListenAndServe(":8080", mux))
}
