module example.com/greeter

go 1.22

require (
	github.com/soheilhy/cmux v0.1.5
	google.golang.org/grpc v1.70.0
)

// The fixture carries stubs of grpc-go's server API and cmux instead of
// the real modules, so the test needs no download.
replace (
	github.com/soheilhy/cmux => ./third_party/cmux
	google.golang.org/grpc => ./third_party/grpc
)
