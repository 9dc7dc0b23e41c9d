package main

import "testing"

func TestGreeting(t *testing.T) {
	if greeting() != "hello from the api" {
		t.Fatal("unexpected greeting")
	}
}
