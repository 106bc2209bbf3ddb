// Sends events to OpenClone from Go, standard library only.
// Batches events (at most 500 per request), retries 429 (honouring Retry-After) and server or network errors with
// exponential backoff and jitter, never retries other 4xx answers, and gives every event a raw_ref.
//
//	OPENCLONE_URL=http://127.0.0.1:8000 API_KEY=... go run docs/examples/go/main.go
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

type event struct {
	Timestamp float64           `json:"timestamp"`
	RawRef    string            `json:"raw_ref"`
	Data      map[string]string `json:"data"`
}

func post(url, key string, body []byte) (string, error) {
	client := &http.Client{Timeout: 30 * time.Second}
	for attempt := 0; attempt < 5; attempt++ {
		request, _ := http.NewRequest("POST", url, bytes.NewReader(body))
		request.Header.Set("Content-Type", "application/json")
		request.Header.Set("X-API-Key", key)
		response, err := client.Do(request)
		backoff := time.Duration(200+rand.Float64()*math.Min(4000, 500*math.Pow(2, float64(attempt)))) * time.Millisecond
		if err != nil {
			if attempt >= 2 { // no server: say so in seconds, not after a minute
				return "", fmt.Errorf("cannot reach OpenClone at %s (is it running?)", url)
			}
			time.Sleep(backoff)
			continue
		}
		answer, _ := io.ReadAll(response.Body)
		response.Body.Close()
		switch {
		case response.StatusCode == 200:
			return string(answer), nil
		case response.StatusCode == 429:
			wait, _ := strconv.Atoi(response.Header.Get("Retry-After"))
			if wait < 1 {
				wait = 1
			}
			time.Sleep(time.Duration(wait) * time.Second)
		case response.StatusCode >= 500:
			time.Sleep(backoff)
		default:
			return "", fmt.Errorf("refused (%d): %s", response.StatusCode, answer)
		}
	}
	return "", fmt.Errorf("gave up: the server keeps failing")
}

func main() {
	url := strings.TrimRight(os.Getenv("OPENCLONE_URL"), "/")
	if url == "" {
		url = "http://127.0.0.1:8000"
	}
	key := os.Getenv("API_KEY")
	if key == "" {
		fmt.Fprintln(os.Stderr, "set API_KEY to your OpenClone key")
		os.Exit(2)
	}
	now := float64(time.Now().UnixMilli()) / 1000
	var events []event
	for n := 1; n <= 3; n++ {
		events = append(events, event{now, fmt.Sprintf("example-go-%d", n),
			map[string]string{"text": fmt.Sprintf("Hello from the Go example, event %d", n)}})
	}
	const batchSize = 100
	for start := 0; start < len(events); start += batchSize {
		end := start + batchSize
		if end > len(events) {
			end = len(events)
		}
		body, _ := json.Marshal(map[string]any{"source_type": "braindump", "platform": "linux",
			"device_id": "example-go", "plugin_id": "example-go", "plugin_version": "1.0.0",
			"timestamp": now, "events": events[start:end]})
		answer, err := post(url+"/api/v1/ingest", key, body)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(answer)
	}
}
