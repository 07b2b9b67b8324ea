module example.com/h3

go 1.22

require github.com/quic-go/quic-go v0.61.0

// The fixture carries a stub of quic-go's http3 API instead of the real
// module, so the test needs no download.
replace github.com/quic-go/quic-go => ./third_party/quic-go
