// Command api is a small web service. It answers health checks and calls an
// upstream service over HTTPS, so at run time it needs the system's CA certificates.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
	"time"
)

func health(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]string{"status": "ok"})
}

// upstream reports whether the HTTPS service this one depends on answers.
func upstream(client *http.Client, url string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		resp, err := client.Get(url)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
	}
}

func main() {
	url := os.Getenv("UPSTREAM_URL")
	if url == "" {
		url = "https://example.com/"
	}
	client := &http.Client{Timeout: 5 * time.Second}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /health", health)
	mux.HandleFunc("GET /upstream", upstream(client, url))
	log.Fatal(http.ListenAndServe(":8080", mux))
}
