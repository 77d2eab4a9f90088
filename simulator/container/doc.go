// Package container runs jiocxsim's image with testcontainers-go, in the
// style of testcontainers-go's own modules:
//
//	sim, err := container.Run(ctx, "jiocxsim:latest",
//		container.WithHostNetwork(), container.WithFakeClock())
//	defer testcontainers.TerminateContainer(sim)
//	base, _ := sim.BaseURL(ctx)      // the API and the control plane
//	ctl, _ := sim.Control(ctx)        // typed /_sim client, scoped to sim.APIKey()
//
// Options are testcontainers.ContainerCustomizer values, so the module's own
// (WithAPIKey, WithFakeClock, WithProfiles, WithDLTRegistry, WithControlToken,
// WithHostNetwork, WithFlag, ...) mix with testcontainers-go's
// (testcontainers.WithEnv, WithLogConsumers, ...). The simulator is
// configured through the environment twins of its serve flags
// (--api-key is JIOCXSIM_API_KEY), so any flag can be set.
//
// # Networking
//
// The simulator posts delivery reports and inbound messages to the
// application under test, so the container must reach it. Two modes:
//
//   - Bridge (the default): the container gets its own network, the module
//     publishes 8080/tcp on a random host port, and the container reaches
//     the host as host.docker.internal (an extra host mapped to Docker's
//     host-gateway). The application must then listen on an address the
//     gateway reaches (0.0.0.0 or the bridge's gateway address), not only on
//     127.0.0.1.
//   - Host (WithHostNetwork): the container shares the host's network; the
//     simulator listens on a free 127.0.0.1 port, and a callback endpoint on
//     127.0.0.1 is reachable unchanged. Linux engines only (Docker Desktop
//     needs host networking switched on), and the engine must run on this
//     machine.
//
// [Container.CallbackURL] turns a URL the test serves on the host into the one
// the container must be given, for either mode.
//
// Every container gets a control-plane token (random unless WithControlToken
// sets one): the simulator guards /_sim/ with it, and Control sends it.
package container
