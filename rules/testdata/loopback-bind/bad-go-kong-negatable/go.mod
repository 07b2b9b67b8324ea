module example.com/app

go 1.22

require github.com/alecthomas/kong v1.16.1

// The fixture carries a stub of kong's API instead of the real module,
// so the test needs no download.
replace github.com/alecthomas/kong => ./third_party/kong
