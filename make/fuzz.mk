# Fuzzing with libFuzzer and the address sanitizer; included from the Makefile.
#
#   make fuzz                  build every target, run each for FUZZ_SECONDS (one at a time)
#   make fuzz FUZZ_TARGETS=FuzzE2E FUZZ_SECONDS=600
#   make fuzz-merge            fold what the runs found into Tests/Fuzz/Corpus, minimised
#   make fuzz-replay           replay every corpus input through a plain build (no libFuzzer)
#
# Runs read Tests/Fuzz/Corpus/<target> and write the new inputs they find to
# $(FUZZ_BUILD)/corpus/<target>, so the corpus in git changes only through fuzz-merge.
# A crash stops `make fuzz` and leaves its input in Tests/Fuzz/Crashes/<target>-crash-…:
# fix it, then copy the input into the target's corpus folder as regression-<what-it-was>.
# fuzz-merge keeps seed-* and regression-* files and adds only inputs that reach new code.

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzFrameDecoder FuzzHandshake FuzzWireMessage FuzzE2E FuzzConfig FuzzInviteCode
FUZZ_BUILD ?= .build-fuzz
FUZZ_CORPUS := Tests/Fuzz/Corpus
FUZZ_CRASHES := Tests/Fuzz/Crashes
# Both sanitizer spellings are needed: one links libFuzzer's main, the other instruments the code.
FUZZ_BUILD_FLAGS := -c release --scratch-path $(FUZZ_BUILD) --sanitize=fuzzer --sanitize=address \
	-Xswiftc -sanitize=fuzzer -Xswiftc -DKLANKBORD_FUZZING
# Swift's crash backtracer trips ASan with a false report.
FUZZ_ENV := SWIFT_BACKTRACE=enable=no

.PHONY: fuzz fuzz-build fuzz-merge fuzz-replay fuzz-clean

fuzz-build: deps
	@for target in $(FUZZ_TARGETS); do \
		$(SWIFT) build $(FUZZ_BUILD_FLAGS) --product $$target || exit 1; \
	done

fuzz: fuzz-build
	@mkdir -p $(FUZZ_CRASHES)
	@for target in $(FUZZ_TARGETS); do \
		echo "== $$target for $(FUZZ_SECONDS) s"; \
		mkdir -p $(FUZZ_BUILD)/corpus/$$target; \
		$(FUZZ_ENV) $(FUZZ_BUILD)/release/$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_CRASHES)/$$target- $(FUZZ_BUILD)/corpus/$$target $(FUZZ_CORPUS)/$$target || exit 1; \
	done

fuzz-merge: fuzz-build
	@for target in $(FUZZ_TARGETS); do \
		merged=$(FUZZ_BUILD)/merged/$$target; corpus=$(FUZZ_CORPUS)/$$target; \
		rm -rf $$merged && mkdir -p $$merged $(FUZZ_BUILD)/corpus/$$target; \
		cp $$corpus/seed-* $$corpus/regression-* $$merged/ 2>/dev/null; \
		$(FUZZ_ENV) $(FUZZ_BUILD)/release/$$target -set_cover_merge=1 -use_counters=0 $$merged $$corpus $(FUZZ_BUILD)/corpus/$$target || exit 1; \
		find $$corpus -type f ! -name 'seed-*' ! -name 'regression-*' -delete; \
		cp -n $$merged/* $$corpus/; \
		echo "$$target: $$(ls $$corpus | wc -l) files in the corpus"; \
	done

fuzz-replay: deps
	$(SWIFT) build $(SWIFT_FLAGS)
	@bin=$$($(SWIFT) build --show-bin-path); for target in $(FUZZ_TARGETS); do $$bin/$$target || exit 1; done

fuzz-clean:
	rm -rf $(FUZZ_BUILD)
