package slacktest

import (
	"io"
	"net/http"
	"strconv"
)

// serveUpload takes the bytes of an external upload (the URL
// files.getUploadURLExternal handed out), as a multipart form with a
// "file" part, as Slack does; the call is recorded as method "upload" with
// fields file_id, filename, size and the content itself under "content".
func (s *Server) serveUpload(w http.ResponseWriter, r *http.Request, id string) {
	f, hdr, err := r.FormFile("file")
	if err != nil {
		s.record("upload", map[string]string{"file_id": id}, true)
		http.Error(w, "no file", http.StatusBadRequest)
		return
	}
	defer f.Close()
	body, err := io.ReadAll(f)
	if err != nil {
		http.Error(w, "read", http.StatusBadRequest)
		return
	}
	s.record("upload", map[string]string{"file_id": id, "filename": hdr.Filename, "size": strconv.Itoa(len(body)),
		"content": string(body)}, false)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte("OK - " + strconv.Itoa(len(body))))
}
