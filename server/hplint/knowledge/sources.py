"""Bibliography behind every hover text and rule threshold.

Keys are the bracketed reference keys the rules' pages cite (e.g. ``[Goyal17]``), plus the
vendor documentation pages the per-format distribution hovers cite. A URL is given only where it is
the canonical, stable address of the work (arXiv abstract, DOI, official documentation page);
otherwise it is ``None`` and the citation alone identifies the work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

__all__ = ["SOURCES", "Source", "cite"]


@dataclass(frozen=True, slots=True)
class Source:
    """One reference: a paper, a book, or a library documentation page."""

    key: str
    citation: str
    url: str | None

    def markdown(self) -> str:
        """The citation as a Markdown link (plain text when there is no URL)."""
        return f"[{self.citation}]({self.url})" if self.url else self.citation


def _arxiv(number: str) -> str:
    return f"https://arxiv.org/abs/{number}"


def _doi(doi: str) -> str:
    return f"https://doi.org/{doi}"


_SKL = "https://scikit-learn.org/stable/modules/generated/"

_ALL: tuple[Source, ...] = (
    # ------------------------------------------------------------------ papers and books
    Source(
        "Goyal17",
        "Goyal et al. 2017, Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour",
        _arxiv("1706.02677"),
    ),
    Source(
        "Krizhevsky14",
        "Krizhevsky 2014, One weird trick for parallelizing convolutional neural networks",
        _arxiv("1404.5997"),
    ),
    Source(
        "Hoffer17",
        "Hoffer, Hubara, Soudry 2017, Train longer, generalize better (NeurIPS)",
        _arxiv("1705.08741"),
    ),
    Source(
        "Malladi22",
        "Malladi et al. 2022, On the SDEs and Scaling Rules for Adaptive Gradient Algorithms "
        "(NeurIPS)",
        _arxiv("2205.10287"),
    ),
    Source(
        "SmithLe18",
        "Smith & Le 2018, A Bayesian Perspective on Generalization and Stochastic Gradient "
        "Descent (ICLR)",
        _arxiv("1710.06451"),
    ),
    Source(
        "Smith18",
        "Smith, Kindermans, Ying, Le 2018, Don't Decay the Learning Rate, Increase the Batch "
        "Size (ICLR)",
        _arxiv("1711.00489"),
    ),
    Source(
        "Keskar17",
        "Keskar et al. 2017, On Large-Batch Training for Deep Learning: Generalization Gap and "
        "Sharp Minima (ICLR)",
        _arxiv("1609.04836"),
    ),
    Source(
        "Masters18",
        "Masters & Luschi 2018, Revisiting Small Batch Training for Deep Neural Networks",
        _arxiv("1804.07612"),
    ),
    Source(
        "McCandlish18",
        "McCandlish et al. 2018, An Empirical Model of Large-Batch Training",
        _arxiv("1812.06162"),
    ),
    Source(
        "You17",
        "You, Gitman, Ginsburg 2017, Large Batch Training of Convolutional Networks (LARS)",
        _arxiv("1708.03888"),
    ),
    Source(
        "You20",
        "You et al. 2020, Large Batch Optimization for Deep Learning: Training BERT in 76 "
        "minutes (LAMB, ICLR)",
        _arxiv("1904.00962"),
    ),
    Source(
        "Kingma15",
        "Kingma & Ba 2015, Adam: A Method for Stochastic Optimization (ICLR)",
        _arxiv("1412.6980"),
    ),
    Source(
        "Loshchilov19",
        "Loshchilov & Hutter 2019, Decoupled Weight Decay Regularization (ICLR)",
        _arxiv("1711.05101"),
    ),
    Source(
        "Bengio12",
        "Bengio 2012, Practical Recommendations for Gradient-Based Training of Deep Architectures",
        _arxiv("1206.5533"),
    ),
    Source(
        "Playbook23",
        "Godbole, Dahl, Gilmer, Shallue, Nado 2023, Deep Learning Tuning Playbook",
        "https://github.com/google-research/tuning_playbook",
    ),
    Source(
        "Srivastava14",
        "Srivastava et al. 2014, Dropout: A Simple Way to Prevent Neural Networks from "
        "Overfitting (JMLR 15)",
        "https://jmlr.org/papers/v15/srivastava14a.html",
    ),
    Source(
        "Prechelt98",
        "Prechelt 1998, Automatic early stopping using cross validation: quantifying the "
        "criteria (Neural Networks 11); Early Stopping — But When?",
        _doi("10.1016/S0893-6080(98)00010-0"),
    ),
    Source(
        "Kohavi95",
        "Kohavi 1995, A Study of Cross-Validation and Bootstrap for Accuracy Estimation and "
        "Model Selection (IJCAI)",
        None,
    ),
    Source(
        "Bergstra12",
        "Bergstra & Bengio 2012, Random Search for Hyper-Parameter Optimization (JMLR 13)",
        "https://jmlr.org/papers/v13/bergstra12a.html",
    ),
    Source(
        "Bergstra11",
        "Bergstra, Bardenet, Bengio, Kégl 2011, Algorithms for Hyper-Parameter Optimization "
        "(TPE, NeurIPS)",
        None,
    ),
    Source(
        "Snoek12",
        "Snoek, Larochelle, Adams 2012, Practical Bayesian Optimization of Machine Learning "
        "Algorithms (NeurIPS)",
        _arxiv("1206.2944"),
    ),
    Source(
        "Li18",
        "Li et al. 2018, Hyperband: A Novel Bandit-Based Approach to Hyperparameter "
        "Optimization (JMLR 18)",
        "https://jmlr.org/papers/v18/16-558.html",
    ),
    Source(
        "Akiba19",
        "Akiba et al. 2019, Optuna: A Next-generation Hyperparameter Optimization Framework (KDD)",
        _arxiv("1907.10902"),
    ),
    Source(
        "Zou05",
        "Zou & Hastie 2005, Regularization and variable selection via the elastic net (JRSS-B 67)",
        _doi("10.1111/j.1467-9868.2005.00503.x"),
    ),
    Source(
        "Tibshirani96",
        "Tibshirani 1996, Regression Shrinkage and Selection via the Lasso (JRSS-B 58)",
        _doi("10.1111/j.2517-6161.1996.tb02080.x"),
    ),
    Source(
        "Hoerl70",
        "Hoerl & Kennard 1970, Ridge Regression: Biased Estimation for Nonorthogonal Problems "
        "(Technometrics 12)",
        _doi("10.1080/00401706.1970.10488634"),
    ),
    Source(
        "ESL",
        "Hastie, Tibshirani, Friedman, The Elements of Statistical Learning, 2nd ed., §3.4",
        "https://hastie.su.domains/ElemStatLearn/",
    ),
    Source(
        "Peduzzi96",
        "Peduzzi et al. 1996, A simulation study of the number of events per variable in "
        "logistic regression analysis (J Clin Epidemiol 49)",
        _doi("10.1016/S0895-4356(96)00236-3"),
    ),
    Source(
        "Friedman01",
        "Friedman 2001, Greedy Function Approximation: A Gradient Boosting Machine (Annals of "
        "Statistics 29)",
        _doi("10.1214/aos/1013203451"),
    ),
    Source(
        "Probst18",
        "Probst & Boulesteix 2018, To Tune or Not to Tune the Number of Trees in Random Forest "
        "(JMLR 18)",
        _arxiv("1705.05654"),
    ),
    Source(
        "WuHe18",
        "Wu & He 2018, Group Normalization (ECCV)",
        _arxiv("1803.08494"),
    ),
    Source(
        "Glorot10",
        "Glorot & Bengio 2010, Understanding the difficulty of training deep feedforward "
        "neural networks (AISTATS)",
        "https://proceedings.mlr.press/v9/glorot10a.html",
    ),
    Source(
        "Goodfellow16",
        "Goodfellow, Bengio, Courville 2016, Deep Learning (MIT Press)",
        "https://www.deeplearningbook.org/",
    ),
    Source(
        "Ioffe15",
        "Ioffe & Szegedy 2015, Batch Normalization: Accelerating Deep Network Training by "
        "Reducing Internal Covariate Shift (ICML)",
        _arxiv("1502.03167"),
    ),
    Source(
        "Sutskever13",
        "Sutskever, Martens, Dahl, Hinton 2013, On the importance of initialization and "
        "momentum in deep learning (ICML)",
        "https://proceedings.mlr.press/v28/sutskever13.html",
    ),
    # ------------------------------------------------------------------ study-note links
    Source(
        "aws-batch-lr",
        "AWS Machine Learning Blog, The importance of hyperparameter tuning for scaling deep "
        "learning training to multiple GPUs",
        "https://aws.amazon.com/blogs/machine-learning/the-importance-of-hyperparameter-tuning-"
        "for-scaling-deep-learning-training-to-multiple-gpus/",
    ),
    Source(
        "mlm-params",
        "Machine Learning Mastery, What is the Difference Between a Parameter and a "
        "Hyperparameter?",
        "https://machinelearningmastery.com/difference-between-a-parameter-and-a-hyperparameter/",
    ),
    # ------------------------------------------------------------------ scikit-learn
    Source(
        "skl-ridge",
        "scikit-learn, sklearn.linear_model.Ridge",
        _SKL + "sklearn.linear_model.Ridge.html",
    ),
    Source(
        "skl-lasso",
        "scikit-learn, sklearn.linear_model.Lasso",
        _SKL + "sklearn.linear_model.Lasso.html",
    ),
    Source(
        "skl-enet",
        "scikit-learn, sklearn.linear_model.ElasticNet",
        _SKL + "sklearn.linear_model.ElasticNet.html",
    ),
    Source(
        "skl-linear-guide",
        "scikit-learn User Guide, Linear Models",
        "https://scikit-learn.org/stable/modules/linear_model.html",
    ),
    Source(
        "skl-scaler",
        "scikit-learn, sklearn.preprocessing.StandardScaler",
        _SKL + "sklearn.preprocessing.StandardScaler.html",
    ),
    Source(
        "skl-pipeline",
        "scikit-learn, sklearn.pipeline.Pipeline",
        _SKL + "sklearn.pipeline.Pipeline.html",
    ),
    Source(
        "skl-pitfalls",
        "scikit-learn, Common pitfalls and recommended practices",
        "https://scikit-learn.org/stable/common_pitfalls.html",
    ),
    Source(
        "skl-cv",
        "scikit-learn User Guide, Cross-validation: evaluating estimator performance",
        "https://scikit-learn.org/stable/modules/cross_validation.html",
    ),
    Source(
        "skl-split",
        "scikit-learn source, sklearn/model_selection/_split.py",
        "https://github.com/scikit-learn/scikit-learn/blob/main/sklearn/model_selection/_split.py",
    ),
    Source(
        "skl-tss",
        "scikit-learn, sklearn.model_selection.TimeSeriesSplit",
        _SKL + "sklearn.model_selection.TimeSeriesSplit.html",
    ),
    Source(
        "skl-logreg",
        "scikit-learn, sklearn.linear_model.LogisticRegression",
        _SKL + "sklearn.linear_model.LogisticRegression.html",
    ),
    Source(
        "skl-cd",
        "scikit-learn source, sklearn/linear_model/_coordinate_descent.py (_alpha_grid)",
        "https://github.com/scikit-learn/scikit-learn/blob/main/sklearn/linear_model/"
        "_coordinate_descent.py",
    ),
    Source(
        "skl-dev",
        "scikit-learn Developer Guide, Developing scikit-learn estimators",
        "https://scikit-learn.org/stable/developers/develop.html",
    ),
    Source(
        "skl-mlp",
        "scikit-learn, sklearn.neural_network.MLPClassifier",
        _SKL + "sklearn.neural_network.MLPClassifier.html",
    ),
    Source(
        "skl-sgd",
        "scikit-learn, sklearn.linear_model.SGDClassifier",
        _SKL + "sklearn.linear_model.SGDClassifier.html",
    ),
    Source(
        "skl-gb",
        "scikit-learn, sklearn.ensemble.GradientBoostingClassifier",
        _SKL + "sklearn.ensemble.GradientBoostingClassifier.html",
    ),
    Source(
        "skl-rf",
        "scikit-learn, sklearn.ensemble.RandomForestClassifier",
        _SKL + "sklearn.ensemble.RandomForestClassifier.html",
    ),
    Source(
        "skl-svc",
        "scikit-learn, sklearn.svm.SVC",
        _SKL + "sklearn.svm.SVC.html",
    ),
    Source(
        "skl-knn",
        "scikit-learn, sklearn.neighbors.KNeighborsClassifier",
        _SKL + "sklearn.neighbors.KNeighborsClassifier.html",
    ),
    # ------------------------------------------------------------------ boosting libraries
    Source(
        "xgb-params",
        "XGBoost documentation, XGBoost Parameters",
        "https://xgboost.readthedocs.io/en/stable/parameter.html",
    ),
    Source(
        "xgb-tuning",
        "XGBoost documentation, Notes on Parameter Tuning",
        "https://xgboost.readthedocs.io/en/stable/tutorials/param_tuning.html",
    ),
    Source(
        "lgb-params",
        "LightGBM documentation, Parameters",
        "https://lightgbm.readthedocs.io/en/latest/Parameters.html",
    ),
    Source(
        "lgb-tuning",
        "LightGBM documentation, Parameters Tuning",
        "https://lightgbm.readthedocs.io/en/latest/Parameters-Tuning.html",
    ),
    Source(
        "lgb-config",
        "LightGBM source, src/io/config.cpp (Config::CheckParamConflict)",
        "https://github.com/microsoft/LightGBM/blob/master/src/io/config.cpp",
    ),
    Source(
        "lgb-es",
        "LightGBM documentation, lightgbm.early_stopping",
        "https://lightgbm.readthedocs.io/en/latest/pythonapi/lightgbm.early_stopping.html",
    ),
    # ------------------------------------------------------------------ deep-learning frameworks
    Source(
        "torch-dropout",
        "PyTorch documentation, torch.nn.Dropout",
        "https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html",
    ),
    Source(
        "torch-dataloader",
        "PyTorch documentation, torch.utils.data.DataLoader",
        "https://pytorch.org/docs/stable/data.html",
    ),
    Source(
        "torch-optim",
        "PyTorch documentation, torch.optim",
        "https://pytorch.org/docs/stable/optim.html",
    ),
    Source(
        "keras-dropout",
        "Keras documentation, Dropout layer",
        "https://keras.io/api/layers/regularization_layers/dropout/",
    ),
    Source(
        "keras-es",
        "Keras documentation, EarlyStopping callback",
        "https://keras.io/api/callbacks/early_stopping/",
    ),
    Source(
        "hf-trainer",
        "Hugging Face Transformers documentation, Trainer and TrainingArguments",
        "https://huggingface.co/docs/transformers/main_classes/trainer",
    ),
    # ------------------------------------------------------------------ HPO tools
    Source(
        "sm-ranges",
        "Amazon SageMaker Developer Guide, Define Hyperparameter Ranges",
        "https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-define-ranges.html",
    ),
    Source(
        "sm-best",
        "Amazon SageMaker Developer Guide, Best Practices for Hyperparameter Tuning",
        "https://docs.aws.amazon.com/sagemaker/latest/dg/automatic-model-tuning-considerations.html",
    ),
    Source(
        "sm-xgb",
        "Amazon SageMaker Developer Guide, XGBoost Hyperparameters",
        "https://docs.aws.amazon.com/sagemaker/latest/dg/xgboost_hyperparameters.html",
    ),
    Source(
        "sm-api",
        "Amazon SageMaker API Reference, HyperParameterTuningJobConfig",
        "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
        "API_HyperParameterTuningJobConfig.html",
    ),
    Source(
        "wandb-sweep",
        "W&B documentation, Sweep configuration options",
        "https://docs.wandb.ai/models/sweeps/sweep-config-keys",
    ),
    Source(
        "hyperopt-fmin",
        "Hyperopt wiki, FMin (§2.1 parameter expressions)",
        "https://github.com/hyperopt/hyperopt/wiki/FMin",
    ),
    Source(
        "hyperopt-tpe",
        "Hyperopt source, hyperopt/tpe.py (_default_n_startup_jobs)",
        "https://github.com/hyperopt/hyperopt/blob/master/hyperopt/tpe.py",
    ),
    Source(
        "optuna-float",
        "Optuna documentation, optuna.distributions.FloatDistribution",
        "https://optuna.readthedocs.io/en/stable/reference/generated/"
        "optuna.distributions.FloatDistribution.html",
    ),
    Source(
        "optuna-int",
        "Optuna documentation, optuna.distributions.IntDistribution",
        "https://optuna.readthedocs.io/en/stable/reference/generated/"
        "optuna.distributions.IntDistribution.html",
    ),
    Source(
        "optuna-tpe",
        "Optuna documentation, optuna.samplers.TPESampler",
        "https://optuna.readthedocs.io/en/stable/reference/samplers/generated/"
        "optuna.samplers.TPESampler.html",
    ),
    Source(
        "optuna-pruners",
        "Optuna documentation, optuna.pruners",
        "https://optuna.readthedocs.io/en/stable/reference/pruners.html",
    ),
    Source(
        "skopt-gp",
        "scikit-optimize documentation, skopt.gp_minimize",
        "https://scikit-optimize.github.io/stable/modules/generated/skopt.gp_minimize.html",
    ),
    Source(
        "katib",
        "Kubeflow Katib documentation, How to Configure Experiment",
        "https://www.kubeflow.org/docs/components/katib/user-guides/hp-tuning/configure-experiment/",
    ),
    Source(
        "katib-hyperopt",
        "Katib source, pkg/suggestion/v1beta1/hyperopt/base_service.py",
        "https://github.com/kubeflow/katib/blob/master/pkg/suggestion/v1beta1/hyperopt/"
        "base_service.py",
    ),
    Source(
        "azure-sweep",
        "Azure Machine Learning, CLI (v2) sweep job YAML schema",
        "https://learn.microsoft.com/en-us/azure/machine-learning/reference-yaml-job-sweep",
    ),
    Source(
        "azure-tune",
        "Azure Machine Learning, Hyperparameter tuning a model (v2)",
        "https://learn.microsoft.com/en-us/azure/machine-learning/how-to-tune-hyperparameters",
    ),
    Source(
        "hydra-optuna",
        "Hydra documentation, Optuna Sweeper plugin",
        "https://hydra.cc/docs/plugins/optuna_sweeper/",
    ),
    Source(
        "hydra-grammar",
        "Hydra documentation, Extended Override syntax (choice, range, interval, tag)",
        "https://hydra.cc/docs/advanced/override_grammar/extended/",
    ),
)

SOURCES: Mapping[str, Source] = MappingProxyType({s.key: s for s in _ALL})
"""All references by key (read-only)."""


def cite(keys: Iterable[str]) -> str:
    """Render a Markdown ``Sources:`` line for ``keys`` (in order, duplicates dropped).

    Unknown keys are rendered as plain text rather than raising, so a hover never fails;
    the test-suite checks that every key used by the knowledge base exists.
    """
    seen: dict[str, None] = dict.fromkeys(keys)
    if not seen:
        return ""
    parts = [SOURCES[k].markdown() if k in SOURCES else k for k in seen]
    return "*Sources:* " + " · ".join(parts)
