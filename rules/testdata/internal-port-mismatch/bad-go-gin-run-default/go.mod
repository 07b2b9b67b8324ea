module example.com/qr

go 1.22

require github.com/gin-gonic/gin v1.12.0

// The fixture carries a stub of gin's Engine API instead of the real
// module, so the test needs no download.
replace github.com/gin-gonic/gin => ./third_party/gin
