# The two commands README starts with: `make site` and `make test`.
.PHONY: deps site test clean

deps:
	@bash scripts/install-deps.sh

# Builds sitegen (release) and publishes Content/ into public/.
site: deps
	swift build -c release --product sitegen
	.build/release/sitegen build

test: deps
	swift test

clean:
	rm -rf .build public/*
