// Package listensite defines an Analyzer that finds where a Go program
// listens on a socket and works out the address.
//
// # Analyzer listensite
//
// listensite: find listen calls and resolve their addresses
//
// The analyzer recognises net.Listen, net.ListenPacket, net.ListenTCP,
// net.ListenUDP, (*net.ListenConfig).Listen and ListenPacket,
// tls.Listen, http.ListenAndServe[TLS], (*http.Server).ListenAndServe[TLS]
// with Addr set in a composite literal or by assignment, gin's
// (*Engine).Run, echo's (*Echo).Start, fiber's (*App).Listen, fasthttp's
// ListenAndServe, miekg/dns's Server and quic-go's ListenAddr. Serve
// calls are not counted: the listener they serve is. A listener that
// reaches (*grpc.Server).Serve in the same package (directly, through
// tls.NewListener, local variables, closures or the package's own
// functions), and nothing else that could serve it, is marked App
// "grpc", so rules can check that Fly Proxy speaks HTTP/2 to it.
//
// Addresses are evaluated on SSA: constants, concatenation,
// fmt.Sprintf with a constant format, net.JoinHostPort, strconv.Itoa,
// os.Getenv and os.LookupEnv with the default chosen on the empty
// branch (or by cmp.Or), also through the app's own getenv(key, def)
// helper, flag.String/StringVar/Int/IntVar defaults, package-level
// variables and their initialisers (init functions included, and
// pointers from flag.String read as *addr), struct fields across calls,
// returns and *T parameters (a field the analysis cannot follow is the
// union of what the package stores into it), helper functions, and
// phi nodes as alternatives. A package variable whose address is handed
// to another call (json.Unmarshal) is unknown. A branch on FLY_APP_NAME
// (or another variable only Fly sets) picks the value used on Fly. A
// branch comparing an env var with a literal tags each alternative with
// its condition: the site keeps what every path agrees on, lists the
// alternatives (Site.Alternatives) and Site.Decide finishes it against
// the app's environment; a branch on a flag (if *dev, if c.Bool("dev"),
// a kong bool field) does the same, and Site.DecideWith also takes the
// start command's flags. Configuration libraries are modelled from their
// documentation: spf13/pflag and cobra (shorthands included),
// urfave/cli v2 and v3 (Value, EnvVars or Sources, aliases,
// Destination), alecthomas/kong (name, short, env, envprefix, default,
// embed), caarlos0/env, kelseyhightower/envconfig, sethvargo/go-envconfig
// (default=, prefix=, PrefixLookuper) and spf13/viper (SetDefault,
// AutomaticEnv, SetEnvPrefix, BindEnv, SetEnvKeyReplacer, BindPFlag, on
// the global instance and on viper.New() instances traced through
// variables, returns, struct fields and parameters).
// A flag that falls back to env vars is a flag whose default is the env
// chain: command line, then env, then default. A parameter that flows into an address is
// finished at the callers, in the same package or, through a package
// fact, in the packages that import it; so is a struct field a
// constructor fills from its parameter.
//
// HostRange and PortRange point where the value is written when it is
// one literal (a flag default, a struct literal field, a package
// variable's initialiser, an env default passed to a helper); Range is
// the listen call.
//
// The Result (*Result) lists every site as a listen.Listener plus the
// Go network and positions. Hosts and ports read from an environment
// variable or a flag stay symbolic (Host.Env, Port.Env, Port.Flag and
// their defaults), so that a caller can finish them against fly.toml
// [env] and the start command. The analyzer reports nothing itself.
package listensite

const doc = `find listen calls and resolve their addresses

listensite finds where a Go program listens (net.Listen, net/http, gin,
echo, fiber, fasthttp, miekg/dns, quic-go) and works out the host and
port on SSA, following constants, env vars with defaults, flags, struct
fields and the callers of wrapper functions. It reports nothing itself;
its Result feeds flylint's rules and reporting analyzers.`
