package main

import (
	"fmt"
	"log"
	"net/http"
)

func greeting() string { return "hello from the api" }

func main() {
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, greeting()) })
	log.Fatal(http.ListenAndServe(":8080", nil))
}
