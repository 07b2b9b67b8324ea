module example.com/greeter

go 1.22

require google.golang.org/grpc v1.70.0

// The fixture carries a stub of grpc-go's server API instead of the real
// module, so the test needs no download.
replace google.golang.org/grpc => ./third_party/grpc
