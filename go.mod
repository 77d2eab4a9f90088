module github.com/jiocxsim/jiocxsim

go 1.26.8

require (
	github.com/google/go-cmp v0.7.0
	github.com/gorilla/mux v1.8.1
)
