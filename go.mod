module github.com/jiocxsim/jiocxsim

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/gorilla/mux v1.8.1
)

require (
	github.com/infobip/infobip-api-go-client/v3 v3.2.0
	gopkg.in/validator.v2 v2.0.1 // indirect
)
