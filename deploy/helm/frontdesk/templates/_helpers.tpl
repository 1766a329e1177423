{{/* The name every object of the release takes. */}}
{{- define "frontdesk.fullname" -}}
{{- if eq .Release.Name .Chart.Name -}}
{{- .Chart.Name -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The labels that select the release's pods. */}}
{{- define "frontdesk.selector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The image of the desk and of its migration. */}}
{{- define "frontdesk.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag }}
{{- end -}}
